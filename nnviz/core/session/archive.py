"""The zip container of a session file: written atomically, read with limits.

:func:`write_archive` writes ``manifest.json``, ``tensors.safetensors`` and
text members (the runs' CSV) into a temporary file beside the target and
moves it into place, so that a crash or a full disk never leaves half a
session where a whole one was. :func:`read_archive` refuses, with one
sentence each, what is not a zip, a member list it does not expect, a member
bigger than its limit (read in bounded chunks, so a zip bomb's declared sizes
cannot make it inflate more), a manifest that is not a JSON object and
tensors safetensors cannot read. Only names nnviz writes are read.
"""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from nnviz.core.errors import UserError
from nnviz.core.model.atomic_files import atomic_write_bytes

MANIFEST = "manifest.json"
TENSORS = "tensors.safetensors"
#: runs/run-1.csv, runs/run-2.csv, …
RUN_NAME = re.compile(r"^runs/run-([1-9][0-9]{0,3})\.csv$")
#: bytes a member may inflate to: the manifest, a run's CSV, the tensors
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
MAX_RUN_BYTES = 64 * 1024 * 1024
MAX_TENSOR_BYTES = 1024 * 1024 * 1024
#: members of an archive (a manifest, the tensors and the runs)
MAX_MEMBERS = 1000
#: bytes of the file itself
MAX_FILE_BYTES = 1200 * 1024 * 1024
_CHUNK = 1 << 20


@dataclass
class Archive:
    """The members of a session file, decoded but not yet interpreted."""

    manifest: dict[str, Any]
    tensors: dict[str, np.ndarray] = field(default_factory=dict)
    #: member name -> text (the runs' CSV)
    texts: dict[str, str] = field(default_factory=dict)


def write_archive(archive: Archive, path: str | os.PathLike[str]) -> None:
    """Write ``archive`` to ``path`` atomically (temporary file, then replace: see
    :mod:`nnviz.core.model.atomic_files`)."""
    from safetensors.numpy import save

    target = Path(path)
    try:
        manifest = json.dumps(archive.manifest, indent=1, ensure_ascii=False, allow_nan=False)
    except ValueError as exc:  # a NaN in a setting: a bug, said rather than written
        raise UserError("The session could not be written: {0}.", exc) from None
    tensors = {k: np.ascontiguousarray(v) for k, v in archive.tensors.items()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(MANIFEST, manifest)
        # stored, not deflated: weights do not compress, and deflating a big
        # network's 268 MB took 26 s
        zf.writestr(TENSORS, save(tensors), compress_type=zipfile.ZIP_STORED)
        for name, text in archive.texts.items():
            zf.writestr(name, text)
    try:
        atomic_write_bytes(target, buffer.getvalue())
    except OSError as exc:
        raise UserError("Could not write {0}: {1}", str(target), exc.strerror or str(exc)) from None


def read_archive(path: str | os.PathLike[str]) -> Archive:
    """The members of the session file ``path``; :class:`UserError` for anything else."""
    p = Path(path)
    name = p.name
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise UserError("Could not read {0}: {1}", str(p), exc.strerror or str(exc)) from None
    if not p.is_file():
        raise UserError("'{0}' is not a file.", name)
    if size > MAX_FILE_BYTES:
        raise UserError("'{0}' is {1} MB; a session file may be at most {2} MB.", name,
                        size // 2**20, MAX_FILE_BYTES // 2**20)
    try:
        with zipfile.ZipFile(p) as zf:
            infos = zf.infolist()
            _check_members(name, infos)
            manifest_bytes = _read_member(zf, name, MANIFEST, MAX_MANIFEST_BYTES)
            tensor_bytes = _read_member(zf, name, TENSORS, MAX_TENSOR_BYTES)
            texts = {
                info.filename: _read_member(zf, name, info.filename, MAX_RUN_BYTES).decode("utf-8")
                for info in infos if RUN_NAME.match(info.filename)
            }
    except zipfile.BadZipFile:
        raise UserError("'{0}' is not an nnviz session: it is not a zip archive, or it is damaged.", name) from None
    except UnicodeDecodeError:
        raise UserError("'{0}' is damaged: a run's figures are not text.", name) from None
    except (OSError, EOFError, zipfile.LargeZipFile, NotImplementedError, RuntimeError) as exc:
        raise UserError("'{0}' is damaged and cannot be read ({1}).", name, type(exc).__name__) from None
    try:
        manifest = json.loads(manifest_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise UserError("'{0}' is damaged: its manifest is not JSON.", name) from None
    if not isinstance(manifest, dict):
        raise UserError("'{0}' is damaged: its manifest is not a JSON object.", name)
    return Archive(manifest, _tensors(name, tensor_bytes), texts)


def _check_members(name: str, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS:
        raise UserError("'{0}' holds {1} files; a session holds at most {2}.", name, len(infos), MAX_MEMBERS)
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        raise UserError("'{0}' is damaged: it names one member twice.", name)
    for member in (MANIFEST, TENSORS):
        if member not in names:
            raise UserError("'{0}' is not a whole nnviz session: '{1}' is missing.", name, member)
    for n in names:
        if n not in (MANIFEST, TENSORS) and not RUN_NAME.match(n) and n != "runs/":
            raise UserError("'{0}' holds '{1}', which an nnviz session does not have.", name, n)


def _read_member(zf: zipfile.ZipFile, name: str, member: str, limit: int) -> bytes:
    """The member's bytes, read in chunks: never more than ``limit`` nor than it says it holds."""
    info = zf.getinfo(member)
    if info.file_size > limit:
        raise UserError("'{0}': its part '{1}' would take {2} MB; at most {3} MB are read.", name, member,
                        info.file_size // 2**20, limit // 2**20)
    out = io.BytesIO()
    with zf.open(info) as f:
        while True:
            chunk = f.read(_CHUNK)
            if not chunk:
                break
            out.write(chunk)
            if out.tell() > info.file_size:
                raise UserError("'{0}' is damaged: its part '{1}' holds more than it says.", name, member)
    return out.getvalue()


def _tensors(name: str, data: bytes) -> dict[str, np.ndarray]:
    from safetensors.numpy import load

    try:
        tensors = load(data)
    except Exception:  # noqa: BLE001 - safetensors raises its own error types for a bad header
        raise UserError("'{0}' is damaged: its tensors cannot be read.", name) from None
    return {k: np.asarray(v) for k, v in tensors.items()}
