"""The window stays responsive with the biggest network nnviz accepts (2-4096-4096-1).

Prints ONE JSON line:

- ``build_lag_max_ms``: the longest the GUI thread was held while the form
  builds the network (typing "4096, 4096" as hidden layers: weights, the
  graph, the region maps), measured as the overshoot of a 10 ms timer;
- ``train_lag_p99_ms`` / ``train_lag_max_ms``: the 99th percentile and the
  worst overshoot of that timer while the torch engine trains it on spiral at
  full speed for ``--seconds`` (default 20), autosaves included (every 2 s);
  target p99 <= 50 ms;
- ``autosave_ms``: the GUI thread's share of one autosave of the session
  (gathering it: the file is written in a background thread);
- ``epochs``: epochs trained in that time (torch, CPU);
- ``close_ms``: closing the window mid-run.

Usage: ``python benchmarks/bench_big_network.py [--seconds S]`` (offscreen).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("NNVIZ_CACHE_DIR", tempfile.mkdtemp(prefix="nnviz-bench-"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()

    import numpy as np
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtTest import QTest

    from nnviz.gui.window.app import build_window

    app, win = build_window(preset="spiral", lang="en")
    win.persist_state = False
    win.resize(1600, 1000)
    win.show()
    QTest.qWait(300)
    lags: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: lags.append(max(0.0, clock.restart() - 10.0)))
    timer.start()

    form = win.training.form
    form.hidden.setText("4096, 4096")
    form.hidden.editingFinished.emit()
    QTest.qWait(500)
    build = max(lags) if lags else 0.0
    lags.clear()
    assert win.model.network.layers == [2, 4096, 4096, 1], win.model.network.layers
    win.training.set_pace(0.0)
    form.engine.setCurrentIndex(form.engine.findData("torch"))
    t0 = time.perf_counter()
    saves: list[float] = []
    save_soon = win.autosave._save_in_background

    def timed_save() -> None:  # the GUI thread's part of an autosave
        s = time.perf_counter()
        save_soon()
        saves.append(1000 * (time.perf_counter() - s))

    win.autosave._timer.timeout.disconnect()
    win.autosave._timer.timeout.connect(timed_save)
    assert win.training.start()
    QTest.qWait(int(1000 * args.seconds))
    epochs = win.training.progress_counts()[0]
    lag = np.array(lags[5:] or [0.0])
    c = time.perf_counter()
    win.close()
    close_ms = 1000 * (time.perf_counter() - c)
    timer.stop()
    print(json.dumps({
        "build_lag_max_ms": round(build, 1),
        "train_lag_p99_ms": round(float(np.percentile(lag, 99)), 1),
        "train_lag_max_ms": round(float(lag.max()), 1),
        "autosave_ms": round(max(saves), 1) if saves else None,
        "autosaves": len(saves),
        "epochs": int(epochs),
        "seconds": round(time.perf_counter() - t0, 1),
        "close_ms": round(close_ms, 1),
    }))
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
