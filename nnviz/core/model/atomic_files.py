"""Files written whole or not at all, with the user's normal permissions.

:func:`atomic_write_text` (and :func:`atomic_write_bytes`) writes a temporary file beside the target, then
renames it over the target: a save killed half-way (``kill -9``, a power cut)
leaves the previous file intact and an orphaned temporary file
``.<name>.nnviz-<random>.tmp`` beside it. The next save to the same folder
removes such orphans once they are older than :data:`ORPHAN_AGE_S` (a save
in progress in another nnviz is younger). Only names of that pattern are
touched, plus the ``.<name>.<random>.tmp`` that earlier versions left for the
very file being saved.

``tempfile`` creates files readable by their owner only (0600); a saved file
gets instead the mode a new file gets from the user's umask (0644 usually).
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

#: part of every temporary name, so that cleaning never touches other programs' files
TEMP_MARK = ".nnviz-"
TEMP_SUFFIX = ".tmp"
#: an orphan older than this (seconds) belongs to no save in progress
ORPHAN_AGE_S = 60.0

# mkstemp's random part: 8 characters of [a-z0-9_]
_OURS = re.compile(r"\..+" + re.escape(TEMP_MARK) + r"[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX))


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` so that a crash never leaves half a file."""
    _atomic_write(path, text, "w", "utf-8")


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash never leaves half a file."""
    _atomic_write(path, data, "wb", None)


def _atomic_write(path: str | os.PathLike[str], content: str | bytes, mode: str, encoding: str | None) -> None:
    p = Path(path)
    folder = p.parent
    clean_orphaned_temps(folder, p.name)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}{TEMP_MARK}", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, mode, encoding=encoding) as fh:
            fh.write(content)
            fh.flush()
            if hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), 0o666 & ~current_umask())
            os.fsync(fh.fileno())
        os.replace(tmp, p)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def clean_orphaned_temps(folder: str | os.PathLike[str], name: str | None = None) -> int:
    """Remove the temporary files of killed saves in ``folder`` older than
    :data:`ORPHAN_AGE_S`; with ``name``, also the older versions' temporaries
    of that file. How many were removed; a folder that cannot be read is left alone."""
    legacy = re.compile(re.escape(f".{name}.") + r"[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX)) if name else None
    now = time.time()
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not (_OURS.fullmatch(entry.name) or (legacy is not None and legacy.fullmatch(entry.name))):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            if now - entry.stat(follow_symlinks=False).st_mtime < ORPHAN_AGE_S:
                continue
            os.unlink(entry.path)
            removed += 1
        except OSError:
            continue  # gone meanwhile, or not ours to remove: the save goes on
    return removed


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    # elsewhere the only way is to set it and put it back
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
