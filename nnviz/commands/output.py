"""Where the headless commands write: the ``--out`` folder and whole files in it."""

from __future__ import annotations

import os
from pathlib import Path

from nnviz.core.errors import UserError


def out_dir(path: str) -> Path:
    """The ``--out`` folder, made if missing; refused in one sentence if it cannot be written."""
    out = Path(path).expanduser()
    if out.exists() and not out.is_dir():
        raise UserError("--out '{0}' is a file; give a folder.", out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError("Cannot create the folder '{0}': {1}.", out, exc.strerror) from None
    if not os.access(out, os.W_OK | os.X_OK):
        # found now, not after an hour of training
        raise UserError("Cannot write in the folder '{0}': permission denied.", out)
    return out


def write(path: Path, text: str) -> None:
    """Write a result file atomically; a full disk or a lost folder is one sentence."""
    from nnviz.core.model.atomic_files import atomic_write_text

    try:
        atomic_write_text(path, text)
    except OSError as exc:
        raise UserError("Cannot write '{0}': {1}.", path, exc.strerror or exc) from None
