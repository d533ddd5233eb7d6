"""``nnviz data download mnist|fashion-mnist [--dir DIR]``: fetch an image set, with a progress bar on stderr.

The four gzipped IDX files go to the set's folder (``$NNVIZ_DATA/<set>``, or
the user's cache folder: see :mod:`nnviz.core.data.download`) or to
``--dir``; files already there with the right checksum are kept. Failure
(no connection, a checksum that does not match) exits with status 2 and one
sentence on stderr. ``NNVIZ_MIRRORS`` replaces the mirrors (tests).

:class:`DownloadBar` is the bar; ``nnviz train --download`` draws it too.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from typing import TextIO

from nnviz.core.data.download import SETS, DownloadProgress, describe, download, remote_set


def add_arguments(p: argparse.ArgumentParser) -> None:
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    d = actions.add_parser(
        "download",
        help="fetch MNIST or Fashion-MNIST from public mirrors",
        description="Fetch the four IDX files of MNIST or Fashion-MNIST, checked against their "
        "published MD5 sums, into the cache folder (or --dir).",
    )
    d.add_argument("set", choices=tuple(SETS), help="which data set")
    d.add_argument("--dir", metavar="DIR", help="the folder for the files (default: the cache folder)")
    d.add_argument("--quiet", action="store_true", help="no progress bar")


class DownloadBar:
    """A one-line bar of bytes, speed and time left; redrawn at most 10 times a second
    on a terminal, a line per 10% elsewhere (a log file)."""

    def __init__(self, title: str, stream: TextIO, enabled: bool = True) -> None:
        self.title = title
        self.stream = stream
        self.enabled = enabled
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self._last = -math.inf
        self._last_tenth = -1
        self._drawn = False

    def update(self, p: DownloadProgress) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        finished = p.done >= p.total > 0
        tenth = int(10 * p.fraction)
        if self.tty:
            if now - self._last < 0.1 and not finished:
                return
            self._last = now
            self.stream.write("\r" + self._line(p) + "   ")
            self._drawn = True
        elif tenth != self._last_tenth:
            self._last_tenth = tenth
            self.stream.write(self._line(p) + "\n")
        self.stream.flush()

    def _line(self, p: DownloadProgress) -> str:
        width = 24
        filled = min(width, round(width * p.fraction))
        return f"downloading {self.title} [{'#' * filled}{'.' * (width - filled)}] {describe(p)}"

    def close(self) -> None:
        if self.enabled and self.tty and self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False


def fetch(key: str, folder: str | None, quiet: bool) -> str:
    """Download set ``key`` with the bar on stderr; the folder the files are in."""
    bar = DownloadBar(remote_set(key).title, sys.stderr, enabled=not quiet)
    try:
        where = download(key, folder, progress=bar.update)
    finally:
        bar.close()
    return str(where)


def run(args: argparse.Namespace) -> int:
    if args.action == "download":
        where = fetch(args.set, args.dir, args.quiet)
        names = ", ".join(remote_set(args.set).names)
        print(f"{remote_set(args.set).title}: {names} are in {where}")
    return 0
