"""Speed of the network view: recolour and repaint after all weights change.

    python benchmarks/bench_network_view.py --edges 10000
    python benchmarks/bench_network_view.py --layers 784-128-64-10

Prints one JSON line: ``edges`` (of the network), ``shown`` (drawn),
``recolor_ms`` (median time to set new weights, recolour and repaint the
view at 1600x1000), ``floor_ms`` (median time of one ``QPainter.drawLines``
of the same lines with a single pen into an image of the same size, in the
same run) and ``recolor_vs_floor``. Targets: at 10,000 edges within 1.5x the
floor and under 33 ms; 784-128-64-10 under 33 ms.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# run from a checkout without installing the package
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
from PySide6.QtCore import QRect  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter, QPen  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from nnviz.core.model.network import Network  # noqa: E402
from nnviz.gui.network.model import NetworkModel  # noqa: E402
from nnviz.gui.network.painter import draw_segments  # noqa: E402
from nnviz.gui.network.view import NetworkView  # noqa: E402

W, H = 1600, 1000


def layers_for(edges: int) -> list[int]:
    """Three equal layers m-m-m with at most ``edges`` edges (2 m^2)."""
    m = max(1, math.isqrt(edges // 2))
    return [m, m, m]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", type=int, default=10_000)
    parser.add_argument("--layers", help="sizes like 784-128-64-10 (overrides --edges)")
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    layers = [int(n) for n in args.layers.split("-")] if args.layers else layers_for(args.edges)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    net = Network.initialised(layers, "tanh" if not args.layers else "relu", seed=0)
    model = NetworkModel(net)
    model.show_sample(np.linspace(0, 1, layers[0]))
    view = NetworkView(model)
    view.resize(W, H)
    view.show()
    app.processEvents()
    rng = np.random.default_rng(1)
    snapshots = [
        ([rng.normal(0, 0.3, w.shape) for w in net.weights], [rng.normal(0, 0.1, b.shape) for b in net.biases])
        for _ in range(4)
    ]
    times = []
    for i in range(args.repeats + 2):
        weights, biases = snapshots[i % len(snapshots)]
        t0 = time.perf_counter()
        model.set_parameters(weights, biases)
        view.flush()
        view.repaint()
        times.append((time.perf_counter() - t0) * 1000)
    recolor = statistics.median(times[2:])
    seg = np.ascontiguousarray(view._sorted_seg)  # the lines the view drew
    img = QImage(W, H, QImage.Format.Format_ARGB32_Premultiplied)
    floors = []
    for _ in range(args.repeats + 2):
        img.fill(0xFFFFFFFF)
        t0 = time.perf_counter()
        p = QPainter(img)
        p.setClipRect(QRect(0, 0, W, H))
        p.setPen(QPen(QColor(30, 90, 200), 0))
        draw_segments(p, seg)
        p.end()
        floors.append((time.perf_counter() - t0) * 1000)
    floor = statistics.median(floors[2:])
    view.close()
    print(json.dumps({
        "layers": layers,
        "edges": net.n_edges,
        "shown": view.shown_edge_count(),
        "recolor_ms": round(recolor, 2),
        "floor_ms": round(floor, 2),
        "recolor_vs_floor": round(recolor / floor, 2),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
