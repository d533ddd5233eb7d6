"""The decision-region picture computed off the GUI thread when it is heavy.

:func:`region_picture` is the work of one repaint of
:class:`~nnviz.gui.training.regions.RegionsView`: the region maps over the
view's grid and the misclassified samples (math in
:mod:`nnviz.core.model.regions`). For a small network it costs a few
milliseconds and the view calls it directly. For a big one (2-4096-4096-1:
~10 s on a 200×200 grid) :class:`RegionJobs` runs it in one background
thread (numpy's products release the GIL, so the window keeps painting and
taking clicks) and delivers the result with :attr:`RegionJobs.done`; a
request made while one is computing replaces any request still waiting, so
a run of changes costs one picture, never a queue of them.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, Signal

from nnviz.core.model import regions
from nnviz.core.model.network import Network

#: multiply-adds of one picture above which it is computed in the background
#: (a few hundred ms of numpy work: 2-64-64-1's full grid, 1.8e8, stays synchronous;
#: 2-4096-4096-1's, 6.8e11, is ~10 s)
BACKGROUND_COST = 1e9


@dataclass
class RegionRequest:
    """What one picture needs, taken on the GUI thread (arrays shared, not copied)."""

    layers: list[int]
    activations: list[str]
    weights: list[np.ndarray]
    biases: list[np.ndarray]
    x: np.ndarray | None  # the samples, to find the misclassified ones
    y: np.ndarray | None
    bounds: Any
    hidden_bounds: Any
    n: int
    hidden_n: int
    max_per_layer: int
    values: tuple[float, float] | None
    classes: bool

    def cost(self) -> float:
        edges = sum(a * b for a, b in zip(self.layers[:-1], self.layers[1:]))
        samples = self.n**2 + self.hidden_n**2 + (len(self.x) if self.x is not None else 0)
        return float(edges) * samples


@dataclass
class RegionPicture:
    maps: regions.RegionMaps
    #: indices of the misclassified samples (empty for a regression)
    wrong: np.ndarray
    n: int


def region_picture(req: RegionRequest) -> RegionPicture:
    """The maps and the misclassified samples of ``req`` (any thread)."""
    net = Network(req.layers, req.activations, req.weights, req.biases)
    maps = regions.region_maps(
        net, req.bounds, n=req.n, hidden_n=req.hidden_n, max_per_layer=req.max_per_layer,
        hidden_bounds=req.hidden_bounds, values=req.values,
    )
    wrong = np.zeros(0, dtype=np.int64)
    if req.classes and req.x is not None and req.y is not None:
        wrong = np.flatnonzero(regions.predicted_classes(net, req.x) != req.y)
    return RegionPicture(maps, wrong, req.n)


class RegionJobs(QObject):
    """One background thread for heavy pictures; the latest request wins."""

    #: (request number, RegionPicture), delivered on the GUI thread
    done = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._waiting: tuple[int, RegionRequest] | None = None
        self._busy = False
        self._number = 0

    def submit(self, req: RegionRequest) -> int:
        """Compute ``req`` in the background; its number (the latest one is the one to show)."""
        with self._lock:
            self._number += 1
            self._waiting = (self._number, req)
            start = not self._busy
            self._busy = True
            number = self._number
        if start:
            threading.Thread(target=self._work, name="nnviz-regions", daemon=True).start()
        return number

    def latest(self) -> int:
        return self._number

    def busy(self) -> bool:
        with self._lock:
            return self._busy

    def _work(self) -> None:
        while True:
            with self._lock:
                job, self._waiting = self._waiting, None
                if job is None:
                    self._busy = False
                    return
            number, req = job
            try:
                picture = region_picture(req)
            except Exception:  # noqa: BLE001 - a picture that fails is not drawn; the next one may be
                continue
            self.done.emit(number, picture)
