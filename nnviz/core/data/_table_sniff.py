"""Guessing a table file's format from a sample (used by :mod:`nnviz.core.data.table`).

The encoding (a BOM, else UTF-8 if the bytes decode, else Windows-1252, else
Latin-1; zero bytes or many control codes: not text), the quote character,
the delimiter (scored: the same field count on most lines, then the share of
cells that read as numbers, then the order of :data:`CANDIDATES`), the
decimal mark (more "0,5" than "0.5" cells: a comma) and whether the first row
is a header.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from nnviz.core.data._table_chunks import number, split_line
from nnviz.core.errors import UserError

#: the delimiters tried, preferred in this order when they score the same
CANDIDATES = (",", ";", "\t", "|", " ")
_CONTROL = bytes(sorted(set(range(32)) - {9, 10, 11, 12, 13, 26})) + b"\x7f"
_COMMA_NUMBER = re.compile(r"^[+-]?(\d+,\d*|,\d+)([eE][+-]?\d+)?$")
_POINT_NUMBER = re.compile(r"^[+-]?(\d+\.\d*|\.\d+)([eE][+-]?\d+)?$")


def encoding_of(raw: bytes, name: str) -> str:
    """The encoding of the sample ``raw``; :class:`UserError` when it is not text."""
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    zero = raw.find(b"\x00")
    control = len(raw) - len(raw.translate(None, _CONTROL))
    if zero >= 0 or control > len(raw) // 100:
        at = zero if zero >= 0 else next(i for i, b in enumerate(raw) if bytes([b]) in _CONTROL)
        raise UserError(
            "'{0}' is not a text file: it holds binary data (byte {1} at offset {2}); "
            "a spreadsheet must be saved as CSV first.",
            name, raw[at], at,
        )
    try:
        codecs.getincrementaldecoder("utf-8")().decode(raw, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        raw.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def decoded_lines(raw: bytes, encoding: str, truncated: bool, limit: int = 200) -> list[str]:
    """The first ``limit`` non-blank lines of ``raw`` (a cut last line left out)."""
    text = codecs.getincrementaldecoder(encoding)().decode(raw, final=not truncated)
    text = newlines(text, "\n" not in text)
    if truncated:
        text = text[: text.rfind("\n") + 1]
    return [line for line in text.split("\n") if line.strip()][:limit]


def newlines(text: str, cr_only: bool) -> str:
    """Line ends as "\\n" ("\\r\\n" from Windows; a lone "\\r" from old Macs when ``cr_only``)."""
    return text.replace("\r", "\n") if cr_only else text.replace("\r\n", "\n")


def guess_quotechar(lines: list[str]) -> str:
    """'"' unless the sample quotes fields with "'" only."""
    if any('"' in line for line in lines):
        return '"'
    single = re.compile(r"(^|[,;\t| ])'[^']*'([,;\t| ]|$)")
    return "'" if any(single.search(line) for line in lines) else '"'


def looks_numeric(cell: str) -> bool:
    return number(cell, ".") is not None or number(cell, ",") is not None


def guess_delimiter(lines: list[str], quotechar: str) -> str:
    """The candidate with the same field count (at least 2) on the most lines; among
    near ties, the one whose cells read as numbers most often; then the first of
    :data:`CANDIDATES`."""
    best: tuple[Any, ...] | None = None
    choice = ","
    for rank, d in enumerate(CANDIDATES):
        rows = [split_line(line, d, quotechar) for line in lines]
        counts = [len(r) for r in rows]
        modal = max(set(counts), key=counts.count)
        if modal < 2:
            continue
        steady = counts.count(modal) / len(counts)
        cells = [c for r in rows[1:] or rows for c in r]
        numeric = sum(map(looks_numeric, cells)) / max(len(cells), 1)
        score = (steady >= 0.9, numeric, steady, -rank)
        if best is None or score > best:
            best, choice = score, d
    return choice


def guess_decimal(rows: list[list[str]]) -> str:
    """"," when more cells look like "0,5" than like "0.5"."""
    cells = [c.strip() for r in rows for c in r]
    commas = sum(1 for c in cells if _COMMA_NUMBER.match(c))
    points = sum(1 for c in cells if _POINT_NUMBER.match(c))
    return "," if commas > points else "."


def guess_header(rows: list[list[str]], decimal: str) -> bool:
    """A header: some column is text in the first row and numbers below it; or,
    with no numbers to go by, a first row of text whose cells never recur below."""
    first, rest = rows[0], rows[1:]
    if not rest:
        return not any(number(c, decimal) is not None for c in first)

    def is_num(c: str) -> bool:
        return number(c, decimal) is not None

    for j, cell in enumerate(first):
        below = [r[j] for r in rest if j < len(r) and r[j].strip()]
        if cell.strip() and not is_num(cell) and below and all(map(is_num, below)):
            return True
    if any(is_num(c) or not c.strip() for c in first):
        return False
    return all(cell not in {r[j] for r in rest if j < len(r)} for j, cell in enumerate(first))
