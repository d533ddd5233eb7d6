"""Reading a big CSV table: nnviz's reader vs numpy.genfromtxt (and pandas), and GUI timer lag.

Prints ONE JSON line:

- ``vs_genfromtxt``: the speed of :func:`nnviz.core.data.table.read_table`
  divided by the speed of :func:`numpy.genfromtxt` on the same file and the
  same columns (a CSV of ``--rows`` rows × 10 numbers and an integer label
  column, written to a temporary folder), measured in the same run, the
  best of ``--repeats`` alternating runs each. Target ≥ 2.
- ``vs_pandas``: ``pandas.read_csv``'s time divided by ours (above 1: we are
  faster; the issue's target "within 1.5× of pandas" is ≥ 0.67), or null when
  pandas is not installed (it is not a dependency).
- ``lag_p99_ms``: the 99th percentile lateness of a 10 ms Qt timer on the main
  thread while the app's loader (a QThread) builds the data set
  (:func:`gui_lag_p99_ms`). Target ≤ 50.

Also: the seconds each reader took, the file's size, whether both readers gave
the same numbers, and the load average. Usage:
``python benchmarks/bench_data.py [--rows N] [--repeats N]`` (``--rows 100000``
for a quick look).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from nnviz.core.data.table import read_table, sniff  # noqa: E402

FEATURES = 10


def write_table(path: Path, rows: int, seed: int = 0) -> None:
    """``rows`` rows of 10 normal numbers (6 decimals) and a label 0–2, with a header."""
    rng = np.random.default_rng(seed)
    header = ",".join([f"x{j + 1}" for j in range(FEATURES)] + ["label"])
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(header + "\n")
        step = 100_000
        for start in range(0, rows, step):
            m = min(step, rows - start)
            block = np.column_stack([rng.normal(size=(m, FEATURES)), rng.integers(0, 3, m)])
            np.savetxt(fh, block, delimiter=",", fmt=["%.6f"] * FEATURES + ["%d"])


def ours(path: Path) -> tuple[float, np.ndarray]:
    t0 = time.perf_counter()
    table = read_table(path, sniff(path), FEATURES, list(range(FEATURES)))
    seconds = time.perf_counter() - t0
    return seconds, np.column_stack([table.x, table.labels])


def genfromtxt(path: Path) -> tuple[float, np.ndarray]:
    t0 = time.perf_counter()
    data = np.genfromtxt(path, delimiter=",", skip_header=1, usecols=range(FEATURES + 1))
    return time.perf_counter() - t0, data


def pandas_seconds(path: Path) -> float | None:
    if importlib.util.find_spec("pandas") is None:
        return None
    import pandas

    t0 = time.perf_counter()
    pandas.read_csv(path)
    return time.perf_counter() - t0


def gui_lag_p99_ms(path: str | Path) -> float:
    """p99 lateness (ms) of a 10 ms timer on the main thread while the app's loader reads ``path``.

    The window's own path: :class:`nnviz.gui.data.loader.DataLoader` runs
    :func:`nnviz.core.data.source.build` of the table (reading, splitting,
    standardising) in its QThread; what the timer sees is how long that work
    keeps the interpreter from the GUI thread.
    """
    from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, Qt, QTimer

    from nnviz.core.data.source import DataSource, build
    from nnviz.gui.data.loader import DataLoader

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    source = DataSource.csv(path, sniff(path), FEATURES, list(range(FEATURES)))
    lags: list[float] = []
    outcome: list[object] = []
    loader = DataLoader()
    loop = QEventLoop()
    loader.loaded.connect(lambda ds: (outcome.append(ds), loop.quit()))
    loader.failed.connect(lambda text: (outcome.append(RuntimeError(text)), loop.quit()))
    clock = QElapsedTimer()
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(10)
    timer.timeout.connect(lambda: lags.append(max(0.0, clock.restart() - 10.0)))
    clock.start()
    timer.start()
    loader.start(lambda progress, cancelled: build(source, progress, cancelled))
    loop.exec()
    timer.stop()
    app.processEvents()
    if outcome and isinstance(outcome[0], Exception):
        raise outcome[0]
    return float(np.percentile(lags[1:], 99)) if len(lags) > 1 else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the table (default 1,000,000)")
    parser.add_argument("--repeats", type=int, default=2, help="alternating runs of each reader (default 2)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "table.csv"
        write_table(path, args.rows)
        ours(path)  # warm the page cache and the imports
        mine, theirs = [], []
        same = True
        for _ in range(max(1, args.repeats)):
            t, a = ours(path)
            mine.append(t)
            t, b = genfromtxt(path)
            theirs.append(t)
            same = same and bool(np.array_equal(a, b))
        pandas_s = pandas_seconds(path)
        lag = gui_lag_p99_ms(path)
        out = {
            "vs_genfromtxt": round(min(theirs) / min(mine), 2),
            "vs_pandas": None if pandas_s is None else round(pandas_s / min(mine), 2),
            "lag_p99_ms": round(lag, 1),
            "rows": args.rows,
            "columns": FEATURES + 1,
            "megabytes": round(path.stat().st_size / 1e6, 1),
            "read_table_s": round(min(mine), 3),
            "genfromtxt_s": round(min(theirs), 3),
            "pandas_s": None if pandas_s is None else round(pandas_s, 3),
            "same_numbers": same,
            "load_avg": round(os.getloadavg()[0], 2),
        }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
