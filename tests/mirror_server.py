"""A download mirror on 127.0.0.1 for the tests: ``http.server`` in a thread, never the internet.

:class:`MirrorServer` serves files given as bytes under a path prefix, and
can misbehave per file: ``"404"``, ``"drop_once"`` (the first response stops
half way, as a dropped connection), ``"truncate"`` (every response stops half
way and Range is ignored), ``"no_range"`` (always the whole file, status
200), ``"slow"`` (small pieces with pauses, for Cancel). It logs every
request as (path, Range header).

:func:`tiny_mnist` makes the four gzipped IDX files of a small MNIST-like set
(real format, ten classes) with their MD5 sums.
"""

from __future__ import annotations

import hashlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np

from nnviz.core.data.download import RemoteFile, RemoteSet
from nnviz.core.data.synthetic_idx import gzip_bytes, synthetic_images

NAMES = ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
         "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")


def idx_bytes(array: np.ndarray) -> bytes:
    """``array`` (uint8) in the IDX format, uncompressed."""
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(int(d).to_bytes(4, "big") for d in array.shape)
    return header + np.ascontiguousarray(array, dtype=np.uint8).tobytes()


def tiny_mnist(n_train: int = 120, n_test: int = 40, seed: int = 0) -> dict[str, bytes]:
    """The four ``.gz`` files of a small MNIST-like set, by name."""
    train_x, train_y = synthetic_images(n_train, seed)
    test_x, test_y = synthetic_images(n_test, seed + 1)
    arrays = (train_x, train_y, test_x, test_y)
    return {name: gzip_bytes(idx_bytes(a)) for name, a in zip(NAMES, arrays, strict=True)}


def md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def remote_set_for(
    files: dict[str, bytes], mirrors: list[str], key: str = "tiny", title: str = "Tiny"
) -> RemoteSet:
    """A set of ``files`` (their MD5s and sizes) served by ``mirrors``."""
    return RemoteSet(
        key, title, tuple(RemoteFile(name, md5(data), len(data)) for name, data in files.items()),
        tuple(mirrors),
    )


class _Handler(BaseHTTPRequestHandler):
    server: MirrorServer  # type: ignore[assignment]

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        srv = self.server
        with srv.lock:
            srv.log.append((self.path, self.headers.get("Range")))
            entry = srv.files.get(self.path)
            mode = srv.modes.get(self.path, "ok")
            first = self.path not in srv.served
            srv.served.add(self.path)
        if entry is None or mode == "404":
            self.send_error(404)
            return
        start = 0
        ranged = self.headers.get("Range", "")
        if ranged.startswith("bytes=") and mode not in ("no_range", "truncate"):
            start = int(ranged[6:].split("-")[0])
            if start >= len(entry):
                self.send_error(416)
                return
        body = entry[start:]
        self.send_response(206 if start else 200)
        if start:
            self.send_header("Content-Range", f"bytes {start}-{len(entry) - 1}/{len(entry)}")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Type", "application/octet-stream")
        self.end_headers()
        if mode == "truncate" or (mode == "drop_once" and first):
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        if mode == "slow":
            for i in range(0, len(body), 512):
                if srv.stopping.is_set():
                    return
                self.wfile.write(body[i : i + 512])
                self.wfile.flush()
                time.sleep(0.02)
            return
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass  # the tests read ``log``; no noise on stderr


class MirrorServer(ThreadingHTTPServer):
    """Serves ``files`` under ``/<prefix>/NAME``; ``url(prefix)`` is a mirror's base URL."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.files: dict[str, bytes] = {}
        self.modes: dict[str, str] = {}
        self.log: list[tuple[str, str | None]] = []
        self.served: set[str] = set()
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05})

    def add(self, prefix: str, files: dict[str, bytes], mode: str = "ok", only: str | None = None) -> str:
        """Serve ``files`` under ``/prefix/``; ``mode`` for every file, or only for the file ``only``."""
        for name, data in files.items():
            path = f"/{prefix}/{name}"
            self.files[path] = data
            if only is None or only == name:
                self.modes[path] = mode
        return self.url(prefix)

    def url(self, prefix: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/{prefix}/"

    def requests_for(self, prefix: str) -> list[tuple[str, str | None]]:
        with self.lock:
            return [r for r in self.log if r[0].startswith(f"/{prefix}/")]

    def __enter__(self) -> MirrorServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()
        self._thread.join(5)
