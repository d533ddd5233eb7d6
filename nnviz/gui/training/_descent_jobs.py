"""The gradient-descent view's computations, off the GUI thread when they are heavy.

Two kinds of job (math in :mod:`nnviz.core.training.landscape`):

- a *curve*: E along one weight with its slope and step (:class:`CurveRequest`);
- a *map*: the descent paths of full batch, mini-batch and batch 1 on two
  weights, then E over a grid around them (:class:`MapRequest`), delivered in
  that order so that the paths can start drawing while the grid is computed.

A small network's job costs milliseconds and runs at once on the calling
thread; a big one runs in one background thread (numpy's products release
the GIL, so the window keeps painting). A new request of a kind replaces the
one waiting, and makes a map being computed stop at its next block: a run of
changes costs one result, never a queue of them; :meth:`DescentJobs.cancel`
drops a kind's requests without a new one. Results carry their request's
number; the view draws only the latest.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QObject, Signal

from nnviz.core.errors import UserError
from nnviz.core.training.landscape import (
    Curve,
    ErrorSurface,
    Grid,
    Parameter,
    descent_path,
)

#: multiply-adds of a job above which it runs in the background
BACKGROUND_COST = 3e7
#: how far the map reaches beyond the start and the paths (in weight units)
MAP_SPAN = 3.0
#: the map never reaches further than this from the start (a diverging path)
MAP_REACH = 12.0


@dataclass
class CurveRequest:
    surface: ErrorSurface
    param: Parameter
    half_width: float
    eta: float
    n_points: int = 121

    def cost(self) -> float:
        return float(self.surface.n_samples) * self.surface.network.n_parameters * self.n_points


@dataclass
class MapRequest:
    surface: ErrorSurface
    params: tuple[Parameter, Parameter]
    eta: float
    #: the batch sizes of the paths: 0 (full batch), the mini-batch, 1
    batch_sizes: tuple[int, ...]
    epochs: int
    #: the trainer's batch order: a permutation of ``default_rng(seed)`` per
    #: epoch with ``shuffle``, the samples in order without
    seed: int = 0
    shuffle: bool = True
    n: int = 61

    def cost(self) -> float:
        # a pass over the samples per grid point, and per epoch of each path
        per_pass = float(self.surface.n_samples) * self.surface.network.n_parameters
        return per_pass * (self.n * self.n + len(self.batch_sizes) * self.epochs)


@dataclass
class MapPaths:
    """The paths, one per batch size: (updates + 1, 2) arrays from the same start."""

    batch_sizes: tuple[int, ...]
    paths: list[np.ndarray] = field(default_factory=list)
    #: E where each path ends
    final_errors: list[float] = field(default_factory=list)


def map_bounds(paths: list[np.ndarray], start: np.ndarray) -> tuple[tuple[float, float], tuple[float, float]]:
    """The map's two ranges: the start ± ``MAP_SPAN`` and every path point, within ``MAP_REACH``."""
    pts = np.vstack([start[None, :], *paths])
    lo = np.maximum(np.minimum(pts.min(axis=0), start - MAP_SPAN), start - MAP_REACH)
    hi = np.minimum(np.maximum(pts.max(axis=0), start + MAP_SPAN), start + MAP_REACH)
    pad = 0.05 * (hi - lo)
    return (float(lo[0] - pad[0]), float(hi[0] + pad[0])), (float(lo[1] - pad[1]), float(hi[1] + pad[1]))


class DescentJobs(QObject):
    """Curves and maps, now or in one background thread; the latest request wins."""

    #: (number, Curve)
    curveReady = Signal(int, object)
    #: (number, MapPaths): the paths of a map, before its grid
    pathsReady = Signal(int, object)
    #: (number, points done, points in all) while a map's grid is computed
    mapProgress = Signal(int, int, int)
    #: (number, Grid)
    mapReady = Signal(int, object)
    #: (number, exception): a job failed (a network without a derivative, …)
    failed = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._waiting: dict[str, tuple[int, object]] = {}
        self._busy = False
        self._number = 0
        self._latest = {"curve": 0, "map": 0}
        self._closed = False
        #: multiply-adds above which a job goes to the background (tests lower it)
        self.background_cost = BACKGROUND_COST

    def submit(self, request: CurveRequest | MapRequest) -> int:
        """Compute ``request`` (now when cheap, else in the background); its number."""
        kind = "curve" if isinstance(request, CurveRequest) else "map"
        with self._lock:
            self._number += 1
            number = self._number
            self._latest[kind] = number
            if request.cost() < self.background_cost:
                inline = True
            else:
                inline = False
                self._waiting[kind] = (number, request)
                start = not self._busy
                self._busy = True
        if inline:
            self._run(number, request)
        elif start:
            threading.Thread(target=self._work, name="nnviz-descent", daemon=True).start()
        return number

    def cancel(self, kind: str) -> None:
        """Drop the requests of ``kind`` so far: the one waiting is forgotten, a
        map being computed stops at its next block, and nothing of them is
        delivered (their numbers are no longer the latest)."""
        with self._lock:
            self._number += 1
            self._latest[kind] = self._number
            self._waiting.pop(kind, None)

    def latest(self, kind: str) -> int:
        return self._latest[kind]

    def busy(self) -> bool:
        with self._lock:
            return self._busy

    def close(self) -> None:
        """Stop: a map being computed ends at its next block; nothing more is delivered."""
        with self._lock:
            self._closed = True
            self._waiting.clear()

    def _work(self) -> None:
        while True:
            with self._lock:
                job = None
                for kind in ("curve", "map"):
                    if kind in self._waiting:
                        job = self._waiting.pop(kind)
                        break
                if job is None or self._closed:
                    self._busy = False
                    return
            try:
                self._run(*job)
            except RuntimeError:  # the view was deleted while this ran: nobody to tell
                with self._lock:
                    self._busy = False
                return

    def _run(self, number: int, request: object) -> None:
        try:
            if isinstance(request, CurveRequest):
                curve = request.surface.curve(request.param, request.half_width, request.n_points, request.eta)
                self._deliver(self.curveReady, "curve", number, curve)
            elif isinstance(request, MapRequest):
                self._map(number, request)
        except Exception as exc:  # noqa: BLE001 - said in the view; the next request may work
            self.failed.emit(number, exc)

    def _current(self, kind: str, number: int) -> bool:
        with self._lock:
            return not self._closed and self._latest[kind] == number

    def _deliver(self, signal, kind: str, number: int, value: object) -> None:
        if self._current(kind, number):
            signal.emit(number, value)

    def _map(self, number: int, req: MapRequest) -> None:
        s = req.surface
        start = np.array([p.value(s.network) for p in req.params])
        result = MapPaths(req.batch_sizes)
        try:
            for size in req.batch_sizes:
                if not self._current("map", number):
                    return
                path = descent_path(s, req.params, req.eta, size, req.epochs, req.seed, req.shuffle)
                result.paths.append(path)
                result.final_errors.append(s.error(path[-1], req.params))
            self._deliver(self.pathsReady, "map", number, result)
        except UserError as exc:  # no derivative: no paths, but the map still shows E
            result.paths = []
            self.failed.emit(number, exc)
        range1, range2 = map_bounds(result.paths, start)

        def progress(done: int, total: int) -> bool:
            if not self._current("map", number):
                return False
            self.mapProgress.emit(number, done, total)
            return True

        grid: Grid | None = s.grid(req.params, range1, range2, req.n, progress=progress)
        if grid is not None:
            self._deliver(self.mapReady, "map", number, grid)


__all__ = ["Curve", "CurveRequest", "DescentJobs", "MapPaths", "MapRequest", "map_bounds"]
