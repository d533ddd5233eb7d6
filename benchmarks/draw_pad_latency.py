"""Draw-pad latency: from a mouse move on the pad to the graph's repaint that shows it.

    python benchmarks/draw_pad_latency.py

Prints one JSON line: ``draw_p95_ms``, the 95th percentile over every mouse
move of a few strokes of the time from the move event to the end of the first
repaint of the network graph whose neuron outputs include that piece of
stroke; also ``draw_median_ms``, ``updates_per_s`` (runs of the drawing
through the network a second while drawing), ``graph_repaints_per_s`` and
``moves``. Targets: ``draw_p95_ms`` <= 33, at least 30 graph repaints a second.

Set-up: a 784-128-64-10 ReLU/softmax network (MNIST's), its graph at
1100x700 (the window's middle on a 1600x900 screen) and the "Draw a digit"
panel, offscreen. The moves come every 8 ms (a 125 Hz mouse), each sent to
the pad as a real ``QMouseEvent``; between moves the event loop runs as it
would in the app, so the pad's throttle, the graph's throttle and the repaints
happen on their own timers. ``benchmarks/bench_mnist.py`` imports
:func:`draw_p95_ms`.
"""

from __future__ import annotations

import json
import math
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# run from a checkout without installing the package
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
from PySide6.QtCore import QEvent, QEventLoop, QPointF, Qt, qInstallMessageHandler  # noqa: E402
from PySide6.QtGui import QMouseEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from nnviz.core.model.network import Network  # noqa: E402
from nnviz.gui.network.model import NetworkModel  # noqa: E402
from nnviz.gui.network.view import NetworkView  # noqa: E402
from nnviz.gui.training.draw_digit import DrawDigitPanel  # noqa: E402

LAYERS = [784, 128, 64, 10]
GRAPH_SIZE = (1100, 700)
MOVE_MS = 8.0


class _TimedView(NetworkView):
    """The graph, noting when each repaint ended and which drawing it showed."""

    def __init__(self, model: NetworkModel, panel: DrawDigitPanel) -> None:
        super().__init__(model)
        self._panel = panel
        self.painted: list[tuple[float, int]] = []

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        self.painted.append((time.perf_counter(), self._panel.shown_generation))


def _send(widget, kind: QEvent.Type, pos: tuple[float, float], button: Qt.MouseButton) -> None:
    held = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease else Qt.MouseButton.LeftButton
    p = QPointF(*pos)
    event = QMouseEvent(kind, p, widget.mapToGlobal(p), button, held, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def _run_loop_until(app: QApplication, deadline: float) -> None:
    while True:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 1)
        left = deadline - time.perf_counter()
        if left <= 0:
            return
        time.sleep(min(left, 0.0005))


def _strokes(n_moves: int, seed: int) -> list[list[tuple[float, float]]]:
    """A few digit-like strokes over the 280-pixel pad (a loop, a bar, a hook, a zigzag)."""
    rng = np.random.default_rng(seed)
    t = np.linspace(0.0, 1.0, n_moves)
    shapes = [
        np.column_stack([140 + 70 * np.sin(2 * np.pi * t), 140 - 90 * np.cos(2 * np.pi * t)]),
        np.column_stack([60 + 160 * t, 70 + 10 * t]),
        np.column_stack([200 - 80 * t, 70 + 150 * t ** 0.8]),
        np.column_stack([60 + 160 * t, 140 + 60 * np.sin(6 * np.pi * t)]),
    ]
    return [(s + rng.normal(0, 0.7, s.shape)).tolist() for s in shapes]


def _quiet_size_hints(kind, context, message: str) -> None:
    """Qt's messages, less the offscreen platform's note that it cannot resize a window to its hints."""
    if "propagateSizeHints" not in message:
        sys.stderr.write(message + "\n")


def draw_p95_ms(moves_per_stroke: int = 60, seed: int = 0, details: dict | None = None) -> float:
    """p95 (ms) from a pad mouse-move event to the graph's repaint with its activations.

    ``details``, when given, is filled with the median, the update rate and
    the number of moves measured."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    previous_handler = qInstallMessageHandler(_quiet_size_hints)
    model = NetworkModel(Network.initialised(LAYERS, ["relu", "relu", "softmax"], seed=seed))
    panel = DrawDigitPanel(model)
    view = _TimedView(model, panel)
    view.resize(*GRAPH_SIZE)
    view.show()
    panel.show()
    app.processEvents()
    pad = panel.pad
    pushes = 0
    original_show = model.show_sample

    def counted_show(x: np.ndarray) -> None:
        nonlocal pushes
        pushes += 1
        original_show(x)

    model.show_sample = counted_show
    latencies: list[float] = []
    drawing_s = 0.0
    strokes = _strokes(moves_per_stroke, seed)
    for n, stroke in enumerate([strokes[0][:15], *strokes, *_strokes(moves_per_stroke, seed + 1)]):  # the first, short one warms up
        warm_up = n == 0
        pad.clear()
        _run_loop_until(app, time.perf_counter() + 0.1)
        view.painted.clear()
        pushes_before = pushes
        _send(pad, QEvent.Type.MouseButtonPress, stroke[0], Qt.MouseButton.LeftButton)
        sent: list[tuple[float, int]] = []
        start = time.perf_counter()
        next_at = start
        for pos in stroke[1:]:
            next_at += MOVE_MS / 1000.0
            _run_loop_until(app, next_at)
            # timed from when the hand moved: a move that waits for a repaint to end
            # waits in the event queue of the app just the same
            _send(pad, QEvent.Type.MouseMove, pos, Qt.MouseButton.NoButton)
            sent.append((next_at, pad.generation))
        _send(pad, QEvent.Type.MouseButtonRelease, stroke[-1], Qt.MouseButton.LeftButton)
        _run_loop_until(app, time.perf_counter() + 0.25)  # the last pieces reach the graph
        if warm_up:
            continue
        drawing_s += sent[-1][0] - start
        painted = view.painted
        for t, generation in sent:
            done = next((pt for pt, g in painted if g >= generation and pt >= t), math.nan)
            latencies.append((done - t) * 1000.0)
        if details is not None:
            details["pushes"] = details.get("pushes", 0) + pushes - pushes_before
            frames = sum(1 for pt, _g in painted if start <= pt <= sent[-1][0])
            details["frames"] = details.get("frames", 0) + frames
    view.close()
    panel.close()
    qInstallMessageHandler(previous_handler)
    lat = np.asarray(latencies)
    if np.isnan(lat).any():
        raise RuntimeError(f"{int(np.isnan(lat).sum())} moves never reached the graph")
    if details is not None:
        details["draw_median_ms"] = round(float(np.median(lat)), 1)
        details["updates_per_s"] = round(details.pop("pushes") / max(drawing_s, 1e-9), 1)
        details["graph_repaints_per_s"] = round(details.pop("frames") / max(drawing_s, 1e-9), 1)
        details["moves"] = int(lat.size)
    return float(np.percentile(lat, 95))


def main() -> int:
    details: dict = {}
    p95 = draw_p95_ms(details=details)
    print(json.dumps({"draw_p95_ms": round(p95, 1), **details}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
