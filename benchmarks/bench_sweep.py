"""Compare… on spiral: three runs side by side against the same three one after another.

Prints ONE JSON line:

- ``sweep_vs_serial``: seconds of the window's Compare (batch sizes 1, 32 and the
  full set, the lesson's epochs, three runs at once on the compiled engine, the
  GUI live) divided by the seconds of the same three runs one after another
  (``run_sweep(parallel=1)``, no GUI), measured in the same process. Target <= 0.7
  on this 2-core machine.
- ``lag_p99_ms``: the 99th percentile overshoot of a 10 ms GUI timer while the
  comparison runs. Target <= 50.

Usage: ``python benchmarks/bench_sweep.py [--epochs N]`` (offscreen).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=300)
    args = parser.parse_args()

    import numpy as np
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtTest import QTest

    from nnviz.core.training import compiled
    from nnviz.core.training.sweep import Sweep, run_sweep, sweep_runs
    from nnviz.gui.window.app import build_window

    compiled.warm_up()
    _app, win = build_window(preset="spiral", lang="en")
    win.persist_state = False
    win.resize(1600, 1000)
    win.show()
    QTest.qWait(300)
    panel = win.training
    panel.form.epochs.setValue(args.epochs)

    runs = sweep_runs(panel.initial_network(), panel.config(), Sweep("batch_size", (1, 32, 0)))
    t0 = time.perf_counter()
    run_sweep(runs, panel.dataset(), parallel=1)
    serial = time.perf_counter() - t0

    dialog = panel.show_compare()
    dialog.choose("batch_size", "1, 32, 0")
    lags: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: lags.append(max(0.0, clock.restart() - 10.0)))
    timer.start()
    t0 = time.perf_counter()
    dialog.start()
    while dialog.running():
        QTest.qWait(5)
    window_s = time.perf_counter() - t0
    timer.stop()
    print(json.dumps({
        "sweep_vs_serial": round(window_s / serial, 3),
        "window_s": round(window_s, 2),
        "serial_s": round(serial, 2),
        "lag_p99_ms": round(float(np.percentile(lags[3:] or [0.0], 99)), 1),
        "epochs": args.epochs,
    }))
    win.shutdown(save_state=False)
    win.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
