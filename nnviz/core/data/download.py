"""MNIST and Fashion-MNIST fetched from public mirrors, as torchvision does, with the standard library.

Each set is four gzipped IDX files (:data:`SETS`: names, published MD5 sums
and sizes, mirrors tried in order). :func:`download` stores them in
:func:`set_folder` (``$NNVIZ_DATA/<set>``; else ``$NNVIZ_CACHE_DIR/data/<set>``;
else the platform's cache folder: ``$XDG_CACHE_HOME`` or ``~/.cache`` on Linux,
``~/Library/Caches`` on macOS, ``%LOCALAPPDATA%`` on Windows, then
``nnviz/data/<set>``).

- A file already there with the right MD5 is kept: no request is made.
- A file arrives in ``NAME.part`` and is renamed once its MD5 matches; a
  mismatch deletes the part file and says so.
- A connection that drops goes on where it stopped (an HTTP ``Range``
  request; a server that ignores it sends the file again from the start), up
  to ``retries`` times in a row without progress; then the next mirror.
- ``progress(DownloadProgress)`` reports bytes, total, speed and time left at
  most every ``report_every`` seconds and once at the end; ``cancelled()``
  is asked between chunks and stops with
  :class:`~nnviz.core.data.table.Cancelled` (what arrived stays in the part
  file, and the next download continues from there).
- No mirror answers: one sentence that names the folder and the four files,
  so that a user can put them there by hand.

``NNVIZ_MIRRORS`` (base URLs separated by commas; ``{set}`` is replaced by
the set's key) replaces every set's mirrors: it is meant for tests, which
serve files from 127.0.0.1.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import sys
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from nnviz.core.data.table import Cancelled
from nnviz.core.errors import UserError

#: bytes read from the connection at a time
CHUNK = 64 * 1024
#: seconds a connection may stay silent before it counts as dropped
TIMEOUT_S = 30.0
#: attempts in a row without a byte of progress before a mirror is given up
RETRIES = 3


@dataclass(frozen=True)
class RemoteFile:
    """One file of a set: its name, its published MD5 and its size (0: unknown)."""

    name: str
    md5: str
    size: int = 0


@dataclass(frozen=True)
class RemoteSet:
    """A data set of files that mirrors serve under the same names."""

    key: str
    title: str
    files: tuple[RemoteFile, ...]
    mirrors: tuple[str, ...]

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.files]


# The MD5 sums and sizes are those torchvision checks (torchvision/datasets/mnist.py).
SETS: dict[str, RemoteSet] = {
    "mnist": RemoteSet(
        "mnist",
        "MNIST",
        (
            RemoteFile("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873", 9912422),
            RemoteFile("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432", 28881),
            RemoteFile("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3", 1648877),
            RemoteFile("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c", 4542),
        ),
        (
            "https://ossci-datasets.s3.amazonaws.com/mnist/",
            "https://storage.googleapis.com/cvdf-datasets/mnist/",
        ),
    ),
    "fashion-mnist": RemoteSet(
        "fashion-mnist",
        "Fashion-MNIST",
        (
            RemoteFile("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d", 26421880),
            RemoteFile("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe", 29515),
            RemoteFile("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79", 4422102),
            RemoteFile("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310", 5148),
        ),
        (
            "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
            # Keras serves the same four files (the MD5 check holds them to it)
            "https://storage.googleapis.com/tensorflow/tf-keras-datasets/",
        ),
    ),
}


def remote_set(key: str) -> RemoteSet:
    """The set called ``key``; a sentence naming the known ones otherwise."""
    if key not in SETS:
        raise UserError("Unknown data set '{0}' to download (known: {1}).", key, ", ".join(SETS))
    return SETS[key]


# ------------------------------------------------------------------ folders
def data_root() -> Path:
    """The folder that holds a folder per downloaded set (see the module docstring)."""
    own = os.environ.get("NNVIZ_DATA")
    if own:
        return Path(own).expanduser()
    cache = os.environ.get("NNVIZ_CACHE_DIR")
    if cache:
        return Path(cache).expanduser() / "data"
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "nnviz" / "data"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "nnviz" / "data"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "nnviz" / "data"


def set_folder(key: str) -> Path:
    """Where the files of the set ``key`` live (the folder need not exist yet)."""
    return data_root() / remote_set(key).key


def is_present(folder: Path, name: str) -> bool:
    """``name`` (``*.gz``) is in ``folder``, gzipped or as the user unpacked it."""
    return (folder / name).is_file() or (folder / name.removesuffix(".gz")).is_file()


def missing_files(key: str, folder: str | os.PathLike[str] | None = None) -> list[str]:
    """The files of set ``key`` not in ``folder`` (default: its own folder), gzipped or not."""
    where = Path(folder) if folder is not None else set_folder(key)
    return [name for name in remote_set(key).names if not is_present(where, name)]


def md5_of(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def identify(folder: str | os.PathLike[str]) -> str | None:
    """Which set the gzipped label file in ``folder`` belongs to, by its MD5 (None: unknown)."""
    for key, spec in SETS.items():
        labels = Path(folder) / spec.files[1].name
        if labels.is_file() and md5_of(labels) == spec.files[1].md5:
            return key
    return None


def mirrors_for(spec: RemoteSet) -> tuple[str, ...]:
    """The set's mirrors, or those of ``NNVIZ_MIRRORS`` (for tests)."""
    own = os.environ.get("NNVIZ_MIRRORS", "").strip()
    if not own:
        return spec.mirrors
    return tuple(m.strip().replace("{set}", spec.key) for m in own.split(",") if m.strip())


# ----------------------------------------------------------------- progress
@dataclass(frozen=True)
class DownloadProgress:
    """How far a download is: bytes of all four files together."""

    #: the file on its way
    file: str
    done: int
    #: bytes of the whole set (the published sizes until a server says otherwise)
    total: int
    #: bytes a second over the last few seconds (0 before there is a measure)
    speed: float
    #: seconds left at that speed (None before there is a measure)
    seconds_left: float | None

    @property
    def fraction(self) -> float:
        return min(1.0, self.done / self.total) if self.total > 0 else 0.0


def human_bytes(n: float) -> str:
    """``n`` bytes as "9.5 MB" (decimal units, as download sizes are published)."""
    for unit in ("B", "KB", "MB"):
        if abs(n) < 1000:
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000.0
    return f"{n:.2f} GB"


def describe(p: DownloadProgress) -> str:
    """One line for a terminal: "3.2 MB of 11.6 MB, 1.4 MB/s, 6 s left"."""
    text = f"{human_bytes(p.done)} of {human_bytes(p.total)}"
    if p.speed > 0:
        text += f", {human_bytes(p.speed)}/s"
    if p.seconds_left is not None and p.done < p.total:
        left = p.seconds_left
        text += f", {left:.0f} s left" if left < 90 else f", {left / 60:.0f} min left"
    return text


class _Meter:
    """Bytes over time: the speed over the last ``window`` seconds, and throttled reports."""

    def __init__(self, progress: Callable[[DownloadProgress], None] | None, every: float,
                 window: float = 3.0) -> None:
        self._progress = progress
        self._every = every
        self._window = window
        self._samples: deque[tuple[float, int]] = deque()
        self._last_report = -float("inf")

    def report(self, file: str, done: int, total: int, final: bool = False) -> None:
        now = time.monotonic()
        self._samples.append((now, done))
        while len(self._samples) > 2 and now - self._samples[0][0] > self._window:
            self._samples.popleft()
        if self._progress is None or (not final and now - self._last_report < self._every):
            return
        self._last_report = now
        t0, d0 = self._samples[0]
        speed = (done - d0) / (now - t0) if now - t0 > 0.05 and done > d0 else 0.0
        left = (total - done) / speed if speed > 0 else None
        self._progress(DownloadProgress(file, done, max(total, done), speed, left))


# ----------------------------------------------------------------- download
class _Dropped(Exception):
    """The connection ended before the file did (resume it)."""


class _Refused(Exception):
    """This mirror cannot give this file (HTTP error, no connection): try the next one."""


def download(
    key: str | RemoteSet,
    folder: str | os.PathLike[str] | None = None,
    *,
    progress: Callable[[DownloadProgress], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    mirrors: Sequence[str] | None = None,
    timeout: float = TIMEOUT_S,
    retries: int = RETRIES,
    retry_wait: float = 1.0,
    report_every: float = 0.1,
) -> Path:
    """Fetch the set ``key`` (a name of :data:`SETS` or a :class:`RemoteSet`) into ``folder``.

    Returns the folder. ``mirrors`` and ``timeout`` replace the set's own
    (tests); ``retry_wait`` is the pause before a retry, times the retry's
    number. Raises :class:`~nnviz.core.errors.UserError` with one sentence
    (a checksum that does not match; no mirror could give a file) and
    :class:`~nnviz.core.data.table.Cancelled` when ``cancelled()`` turns True.
    """
    spec = remote_set(key) if isinstance(key, str) else key
    if mirrors is not None:
        spec = replace(spec, mirrors=tuple(mirrors))
    elif isinstance(key, str):
        spec = replace(spec, mirrors=mirrors_for(spec))
    where = Path(folder).expanduser() if folder is not None else set_folder(spec.key)
    try:
        where.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError("Cannot create the folder '{0}': {1}.", where, exc.strerror) from None
    fetcher = _Fetcher(spec, where, _Meter(progress, report_every), cancelled or (lambda: False),
                       timeout, retries, retry_wait)
    return fetcher.run()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class _Fetcher:
    """One download of a set: the files still missing, one after the other."""

    def __init__(self, spec: RemoteSet, folder: Path, meter: _Meter, stop: Callable[[], bool],
                 timeout: float, retries: int, retry_wait: float) -> None:
        self.spec, self.folder, self.meter, self.stop = spec, folder, meter, stop
        self.timeout, self.retries, self.retry_wait = timeout, retries, retry_wait
        #: bytes of each file: published, then as the server says, then as on disk
        self.sizes = {f.name: f.size for f in spec.files}
        #: bytes of the files finished before the one on its way
        self.done_before = 0

    def run(self) -> Path:
        todo = [f for f in self.spec.files if not self._already_there(f)]
        for f in self.spec.files:
            if f not in todo:
                self.sizes[f.name] = _size(self.folder / f.name)
                self.done_before += self.sizes[f.name]
        for f in todo:
            if self.stop():
                raise Cancelled()
            self._file(f)
            self.done_before += self.sizes[f.name]
        total = sum(self.sizes.values())
        self.meter.report(self.spec.files[-1].name, total, total, final=True)
        return self.folder

    def _already_there(self, f: RemoteFile) -> bool:
        """A finished file with the right MD5 (a wrong one is removed), or one the user unpacked."""
        path = self.folder / f.name
        if path.is_file():
            if md5_of(path) == f.md5:
                return True
            path.unlink()
            return False
        return (self.folder / f.name.removesuffix(".gz")).is_file()

    def _file(self, f: RemoteFile) -> None:
        """One file from the first mirror that gives it whole and with its MD5."""
        part = self.folder / (f.name + ".part")
        reasons: list[str] = []
        mismatch = False
        for base in self.spec.mirrors:
            url = base if base.endswith(f.name) else base.rstrip("/") + "/" + f.name
            stalled = 0
            while True:
                if self.stop():
                    raise Cancelled()
                have = _size(part)
                try:
                    self._transfer(url, part, have, f)
                except _Dropped as exc:
                    gained = _size(part) > have
                    stalled = 0 if gained else stalled + 1
                    if stalled > self.retries:
                        reasons.append(str(exc))
                        break
                    if not gained:
                        self._pause(self.retry_wait * stalled)
                    continue
                except _Refused as exc:
                    reasons.append(str(exc))
                    break
                if md5_of(part) == f.md5:
                    try:
                        os.replace(part, self.folder / f.name)
                    except OSError as exc:
                        raise UserError("Cannot write '{0}': {1}.", self.folder / f.name, exc.strerror) from None
                    return
                part.unlink(missing_ok=True)
                mismatch = True
                reasons.append(f"{url}: checksum mismatch")
                break
        if mismatch:
            raise UserError(
                "The downloaded '{0}' does not match its published checksum, so it was deleted; "
                "try again later or put the file in '{1}' by hand.",
                f.name, self.folder,
            )
        raise UserError(
            "Could not download {0} ({1}): put the four files {2} in '{3}' (gzipped or not), "
            "or open a folder that holds them with File → Open data folder….",
            self.spec.title, reasons[-1] if reasons else "no mirror", ", ".join(self.spec.names),
            self.folder,
        )

    def _pause(self, seconds: float) -> None:
        """Wait before a retry, still answering Cancel."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if self.stop():
                raise Cancelled()
            time.sleep(min(0.05, max(0.0, end - time.monotonic())))

    def _transfer(self, url: str, part: Path, have: int, f: RemoteFile) -> None:
        """Append what ``url`` sends from byte ``have`` on to ``part``; _Dropped if it ends early."""
        headers = {"User-Agent": "nnviz (urllib)", "Accept-Encoding": "identity"}
        if have:
            headers["Range"] = f"bytes={have}-"
        request = urllib.request.Request(url, headers=headers)
        try:
            response = urllib.request.urlopen(request, timeout=self.timeout)  # noqa: S310 - http(s) mirrors
        except urllib.error.HTTPError as exc:
            if exc.code == 416 and have:  # the part file is not a prefix of this file: start again
                part.unlink(missing_ok=True)
                raise _Dropped(f"{url}: HTTP 416") from None
            raise _Refused(f"{url}: HTTP {exc.code}") from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            raise _Refused(f"{url}: {_reason(exc)}") from None
        except ValueError:  # not a URL at all (a mistyped NNVIZ_MIRRORS)
            raise _Refused(f"{url}: not a web address") from None
        with response:
            if have and response.status != 206:  # the server ignored Range: the whole file again
                have = 0
            length = response.headers.get("Content-Length")
            expected = have + int(length) if length and length.isdigit() else 0
            if expected:
                self.sizes[f.name] = expected
            got, dropped = self._copy(response, part, have, f.name)
        if dropped is not None:
            raise _Dropped(f"{url}: {_reason(dropped)}")
        expected = expected or f.size
        if expected and got < expected:
            raise _Dropped(f"{url}: the connection ended after {got} of {expected} bytes")

    def _copy(self, response: http.client.HTTPResponse, part: Path, have: int,
              name: str) -> tuple[int, BaseException | None]:
        """The response's body into ``part`` from byte ``have``: bytes there now, and the
        network error that cut it short (None if it ended)."""
        total = sum(self.sizes.values())
        got = have
        try:
            with open(part, "r+b" if have else "wb") as out:
                out.seek(have)
                out.truncate()
                while True:
                    if self.stop():
                        raise Cancelled()
                    try:
                        chunk = response.read1(CHUNK)  # what has arrived: Cancel acts at once
                    except (OSError, http.client.HTTPException) as exc:  # the network, not our disk
                        return got, exc
                    if not chunk:
                        return got, None
                    out.write(chunk)
                    got += len(chunk)
                    self.meter.report(name, self.done_before + got, total)
        except OSError as exc:
            raise UserError("Cannot write '{0}': {1}.", part, exc.strerror or exc) from None


def _reason(exc: BaseException) -> str:
    """A short reason for a network failure ("timed out", "Connection refused")."""
    inner = getattr(exc, "reason", None)
    if isinstance(inner, BaseException):
        exc = inner
    if isinstance(exc, TimeoutError):
        return "timed out"
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return str(text)
