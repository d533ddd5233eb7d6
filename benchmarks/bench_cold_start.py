"""Cold start: from ``nnviz --preset spiral`` and F5 to 150 epochs, empty vs warm numba cache.

    python benchmarks/bench_cold_start.py [--reps 3]

Each measurement is a fresh process that does what ``nnviz --preset spiral``
does (the window built, offscreen, on the spiral lesson, then the compiled
engine's background compilation started, as ``run_gui`` does), presses F5 at once
with the lesson's settings at full speed (the lesson starts in slow motion
for a class; 150 epochs) and waits for the run to finish. ``--f5-delay S``
presses F5 S seconds after the window shows instead. The clock runs from
F5 to the last epoch; the process's start-up (imports, window) is reported
apart. "cold" gives the process an empty cache folder (``NNVIZ_CACHE_DIR``,
under which nnviz keeps numba's cache; ``NUMBA_CACHE_DIR`` unset), "warm"
the folder the cold run filled. Cold and warm runs alternate; medians.

Prints one JSON line:

- ``cold_s``, ``warm_s``: F5 to 150 epochs done (medians);
- ``kernel_specialisations``: per cached kernel, the signatures in numba's
  cache index after a cold run (1 each: no duplicate compilation);
- ``cold_compile_s``: the background compilation's own time in a cold run;
  ``warm_load_s``: loading the kernel from the cache in a warm run;
- ``cold_engines`` / ``warm_engines``: the engines the window's engine line
  named during the run, in order, with the epochs trained on NumPy;
- ``startup_s``: process start to the window shown (not in cold_s/warm_s).

Targets (issue 17): cold_s ≤ 3, warm_s ≤ 0.5.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EPOCHS = 150

CHILD = r"""
import json, os, sys, time
t_start = time.perf_counter()
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from nnviz.gui.window.app import build_window
from nnviz.core.training import compiled

app, window = build_window(None, "spiral", "en", offscreen=True)
warm = compiled.warm_up_in_background()  # as run_gui does, once the window is built
window.show()
app.processEvents()
panel = window.training
panel.set_pace(0.0)  # full speed (the lesson starts in slow motion for a class)
panel.form.epochs.setValue(EPOCHS)
startup = time.perf_counter() - t_start
lines, numpy_epochs = [], [0]

def snapshot(snap):
    if snap.engine == "numpy":
        numpy_epochs[0] = max(numpy_epochs[0], snap.epoch)

panel.controller.snapshot.connect(snapshot)
done = {}
loop = QEventLoop()
def finished(status):
    done["t"] = time.perf_counter()
    done["status"] = status
    loop.quit()
panel.trainingFinished.connect(finished)
def watch():
    text = panel.engine_label.text()
    if text and (not lines or lines[-1] != text):
        lines.append(text)
timer = QTimer()
timer.timeout.connect(watch)
timer.start(5)
QTimer.singleShot(300000, loop.quit)
window.activateWindow()
if F5_DELAY > 0:  # a user who looks at the window a moment before pressing F5
    pause = QEventLoop()
    QTimer.singleShot(int(F5_DELAY * 1000), pause.quit)
    pause.exec()
t0 = time.perf_counter()
QTest.keyClick(window, Qt.Key.Key_F5)
if panel.state == "idle":  # the offscreen platform gave the window no focus
    panel.train_button.click()
loop.exec()
watch()
seconds = done.get("t", float("nan")) - t0
snap = panel._last_snapshot
warm.join(600)
k = compiled.kernels()
spec = {}
for name, fn in vars(k).items():
    cache = getattr(fn, "_cache", None)
    if cache is not None and type(cache).__name__ != "NullCache":
        spec[name] = len(cache._cache_file._load_index())  # numba's own reader
print(json.dumps(dict(
    seconds=seconds, status=done.get("status"), epochs=snap.epoch if snap else 0,
    engines=lines, numpy_epochs=numpy_epochs[0], startup_s=startup,
    compile_s=compiled.last_warm_up_s, kernel_specialisations=spec,
)))
window.ask_to_save = False
window.close()
""".replace("EPOCHS", str(EPOCHS))


def run_once(cache_dir: str, settings_dir: str, f5_delay: float = 0.0) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    env.update(
        NNVIZ_CACHE_DIR=cache_dir,
        NNVIZ_SETTINGS_DIR=settings_dir,
        NNVIZ_NO_AUTOSAVE_PROMPT="1",
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
    )
    child = CHILD.replace("F5_DELAY", repr(float(f5_delay)))
    out = subprocess.run(
        [sys.executable, "-c", child], env=env, capture_output=True, text=True, timeout=900
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument(
        "--f5-delay", type=float, default=0.0,
        help="seconds between the window showing and F5 (default 0: at once)",
    )  # fmt: skip
    args = parser.parse_args()
    cold, warm = [], []
    with tempfile.TemporaryDirectory(prefix="nnviz-cold-") as tmp:
        for r in range(args.reps):
            cache = os.path.join(tmp, f"cache{r}")
            settings = os.path.join(tmp, f"settings{r}")
            cold.append(run_once(cache, settings, args.f5_delay))  # an empty cache folder
            warm.append(run_once(cache, settings, args.f5_delay))  # the one the cold run filled
    for runs in (cold, warm):
        for run in runs:
            assert run["epochs"] == EPOCHS and run["status"] == "completed", run

    def med(runs: list[dict], key: str) -> float:
        return round(statistics.median(r[key] for r in runs), 3)

    print(
        json.dumps(
            dict(
                cold_s=med(cold, "seconds"),
                warm_s=med(warm, "seconds"),
                kernel_specialisations=cold[0]["kernel_specialisations"],
                cold_compile_s=med(cold, "compile_s"),
                warm_load_s=med(warm, "compile_s"),
                cold_engines=dict(lines=cold[0]["engines"], numpy_epochs=cold[0]["numpy_epochs"]),
                warm_engines=dict(lines=warm[0]["engines"], numpy_epochs=warm[0]["numpy_epochs"]),
                startup_s=med(cold + warm, "startup_s"),
                cold_runs_s=[round(r["seconds"], 3) for r in cold],
                warm_runs_s=[round(r["seconds"], 3) for r in warm],
                epochs=EPOCHS,
                f5_delay_s=args.f5_delay,
                load_avg=round(os.getloadavg()[0], 2),
            )
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
