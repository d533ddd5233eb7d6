"""Speed of the compiled engine on the spiral job, headless and live in the app.

    python benchmarks/bench_small_net.py [--seconds 2] [--no-gui]

The job: 500 spiral points, a 2-8-8-1 tanh network, batch 10, learning rate
0.03, MSE (½‖d − y‖², mean over the batch), plain SGD, the samples shuffled
every epoch. Prints one JSON line, every figure from the same run:

- ``epochs_per_s``: nnviz's :class:`Trainer` with the engine ``select_engine``
  picks (compiled), headless, training on all 500 points;
- ``torch_epochs_per_s``: a bare PyTorch loop (``nn.Sequential``, ``MSELoss``
  as ½ the mean of the squared norms, ``optim.SGD``), float32 as written by a user;
- ``numpy_epochs_per_s``: a straightforward vectorized numpy loop, one batch
  at a time (matrix products for the batch, float64);
- ``vs_numpy`` = ``epochs_per_s / numpy_epochs_per_s``, ``vs_torch`` likewise;
- with the training panel running offscreen on the spiral lesson's data with
  this job's network and settings, its views live (network graph, decision
  regions, plots): ``live_epochs_per_s`` (epochs per second of wall time, from
  Train to finished), ``live_vs_headless`` (against the Trainer on the same
  lesson data, 400 training and 100 validation points, evaluated every
  epoch), and ``lag_p99_ms``, the 99th percentile overshoot of a 10 ms
  QTimer while it trains; ``live_network_updates_per_s``,
  ``live_regions_updates_per_s`` and ``live_plots_updates_per_s``, how often
  each view showed a new state (the views must show the learning: ≥ 10).

- ``vs_block_c``: nnviz's :class:`Trainer` (the engine it picks, headless)
  against a C loop that processes each batch as a block (the samples as the
  contiguous inner dimension, padded to 8, glibc's vectorised ``tanh``),
  compiled here with ``cc -O3 -march=native -ffast-math``: the same job, the
  same sample orders, epochs a second of CPU time, the two alternated
  (``--reps`` each) and the medians compared; ``deep_vs_block_c`` the same
  for Playground's deepest net, 2-8-8-8-8-8-8-1. Both null without a C
  compiler. ``block_c_max_diff``: the largest difference between the C
  loop's weights and the compiled engine's after the same epochs (the C loop
  is a check of speed, not of another algorithm);
- ``numpy_engine_epochs_per_s``, ``vs_numpy_engine`` (and ``deep_…``): the
  same ratio against nnviz's NumPy engine (the engine that trains while
  numba compiles), from the same alternated runs.

Targets: ``vs_block_c`` ≥ 1.0 and ``deep_vs_block_c`` ≥ 1.0 (without a C
compiler: ``vs_numpy_engine`` ≥ 20), ``live_vs_headless`` ≥ 0.9,
``lag_p99_ms`` ≤ 50.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# A first start: numba's cache in a fresh folder, so the compilation is measured
# (set before numba is imported; see --warm).
if "--warm" not in sys.argv:
    import tempfile

    os.environ["NUMBA_CACHE_DIR"] = tempfile.mkdtemp(prefix="nnviz-bench-numba-")
# run from a checkout without installing the package
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from nnviz.core.data import dataset, datasets  # noqa: E402
from nnviz.core.model.network import Network  # noqa: E402
from nnviz.core.training.config import TrainingConfig  # noqa: E402
from nnviz.core.training.trainer import Trainer  # noqa: E402

LAYERS = [2, 8, 8, 1]
#: TensorFlow Playground's deepest network
DEEP_LAYERS = [2, 8, 8, 8, 8, 8, 8, 1]
BATCH = 10
LR = 0.03
N_POINTS = 500


def job_data(val_fraction: float) -> dataset.Dataset:
    spec = {"kind": "spiral", "n": N_POINTS, "noise": 0.05, "seed": 0}
    if val_fraction:
        spec.update(val_fraction=val_fraction, split_seed=0)
    return datasets.make(spec)


def job_network() -> Network:
    return Network.initialised(LAYERS, "tanh", seed=0)


def job_training(**extra: object) -> dict:
    return dict(loss="mse", optimizer="sgd", lr=LR, batch_size=BATCH, seed=0, **extra)


def _rate(epoch_fn, seconds: float, windows: int = 5) -> float:
    """Epochs a second of ``epoch_fn(k)`` (which trains k epochs), after a warm-up.

    The best of ``windows`` windows of ``seconds / windows`` each, as timeit
    takes the best of its repeats: on a machine shared with other work, the
    best window is the one least disturbed. Every figure gets the same treatment.
    """
    epoch_fn(1)
    best = 0.0
    k = 1
    for _ in range(windows):
        done, t0 = 0, time.perf_counter()
        while True:
            epoch_fn(k)
            done += k
            elapsed = time.perf_counter() - t0
            if elapsed >= seconds / windows:
                break
            k = min(k * 2, 1000)
        best = max(best, done / elapsed)
    return best


# ----------------------------------------------------------------- headless
def engine_rate(ds: dataset.Dataset, seconds: float, eval_train: bool) -> tuple[float, str]:
    cfg = TrainingConfig.from_dict(job_training(val_fraction=0.0, eval_train=eval_train))
    trainer = Trainer(job_network(), ds, cfg)
    try:

        def run(k: int) -> None:
            trainer.run(max_epochs=trainer.epoch + k)

        return _rate(run, seconds), trainer.engine_name
    finally:
        trainer.close()


def torch_rate(x: np.ndarray, t: np.ndarray, seconds: float) -> float:
    import torch

    torch.manual_seed(0)
    layers: list[torch.nn.Module] = []
    for a, b in zip(LAYERS[:-1], LAYERS[1:], strict=True):
        layers += [torch.nn.Linear(a, b), torch.nn.Tanh()]
    model = torch.nn.Sequential(*layers)
    opt = torch.optim.SGD(model.parameters(), lr=LR)
    mse = torch.nn.MSELoss()
    xs = torch.tensor(x, dtype=torch.float32)
    ts = torch.tensor(t, dtype=torch.float32)
    n = len(xs)

    def epochs(k: int) -> None:
        for _ in range(k):
            perm = torch.randperm(n)
            for i in range(0, n, BATCH):
                idx = perm[i : i + BATCH]
                opt.zero_grad()
                loss = 0.5 * mse(model(xs[idx]), ts[idx]) * ts.shape[1]
                loss.backward()
                opt.step()

    return _rate(epochs, seconds)


def numpy_rate(x: np.ndarray, t: np.ndarray, seconds: float) -> float:
    net = job_network()
    ws = [w.copy() for w in net.weights]
    bs = [b.copy() for b in net.biases]
    rng = np.random.default_rng(0)
    n = len(x)

    def epochs(k: int) -> None:
        for _ in range(k):
            perm = rng.permutation(n)
            for i in range(0, n, BATCH):
                idx = perm[i : i + BATCH]
                hs = [x[idx]]
                for w, b in zip(ws, bs, strict=True):
                    hs.append(np.tanh(hs[-1] @ w + b))
                delta = (hs[-1] - t[idx]) * (1.0 - hs[-1] ** 2) / len(idx)
                for layer in range(len(ws) - 1, -1, -1):
                    gw = hs[layer].T @ delta
                    gb = delta.sum(axis=0)
                    if layer:
                        delta = (delta @ ws[layer].T) * (1.0 - hs[layer] ** 2)
                    ws[layer] -= LR * gw
                    bs[layer] -= LR * gb

    return _rate(epochs, seconds)


# ----------------------------------------------------------------- block C
#: The reference: each batch as a block with the samples inner (padded to 8),
#: tanh everywhere, MSE ½‖d − y‖² averaged over the batch, plain SGD; the
#: parameters in nnviz's packed layout. -ffast-math lets gcc call glibc's
#: vectorised tanh (libmvec) and reassociate the sums.
BLOCK_C = r"""
#include <math.h>
long train(long n_layers, const long *sizes, double *params, const long *w_off,
           const long *b_off, const double *restrict x, const double *restrict t, long n,
           const long *orders, long n_epochs, long batch, double lr,
           double *restrict h, double *restrict d, double *epoch_err)
{
    long u_off[64];
    u_off[0] = 0;
    for (long l = 0; l <= n_layers; l++) u_off[l + 1] = u_off[l] + sizes[l];
    long bw = (batch + 7) / 8 * 8;
    long nin0 = sizes[0], nout = sizes[n_layers];
    for (long e = 0; e < n_epochs; e++) {
        const long *order = orders + e * n;
        double err = 0.0;
        for (long pos = 0; pos < n; pos += batch) {
            long nb = n - pos < batch ? n - pos : batch;
            for (long j = 0; j < nin0; j++) {
                double *hj = h + j * bw;
                for (long s = 0; s < nb; s++) hj[s] = x[order[pos + s] * nin0 + j];
                for (long s = nb; s < bw; s++) hj[s] = 0.0;
            }
            for (long l = 0; l < n_layers; l++) {
                long ni = sizes[l], no = sizes[l + 1];
                const double *W = params + w_off[l], *B = params + b_off[l];
                double *hin = h + u_off[l] * bw, *hout = h + u_off[l + 1] * bw;
                for (long k = 0; k < no; k++) {
                    double *a = hout + k * bw;
                    for (long s = 0; s < bw; s++) a[s] = B[k];
                    for (long j = 0; j < ni; j++) {
                        double w = W[j * no + k];
                        const double *hj = hin + j * bw;
                        for (long s = 0; s < bw; s++) a[s] += w * hj[s];
                    }
                    for (long s = 0; s < bw; s++) a[s] = tanh(a[s]);
                }
            }
            double *y = h + u_off[n_layers] * bw, *dy = d + u_off[n_layers] * bw;
            for (long k = 0; k < nout; k++) {
                for (long s = 0; s < nb; s++) {
                    double ee = y[k * bw + s] - t[order[pos + s] * nout + k];
                    err += ee * ee;
                    dy[k * bw + s] = ee * (1.0 - y[k * bw + s] * y[k * bw + s]);
                }
                for (long s = nb; s < bw; s++) dy[k * bw + s] = 0.0;
            }
            double inv = 1.0 / nb;
            for (long l = n_layers - 1; l >= 0; l--) {
                long ni = sizes[l], no = sizes[l + 1];
                double *W = params + w_off[l], *B = params + b_off[l];
                double *hin = h + u_off[l] * bw, *dout = d + u_off[l + 1] * bw;
                double *din = d + u_off[l] * bw;
                if (l > 0) {
                    for (long j = 0; j < ni; j++) {
                        double *dj = din + j * bw;
                        for (long s = 0; s < bw; s++) dj[s] = 0.0;
                        for (long k = 0; k < no; k++) {
                            double w = W[j * no + k];
                            const double *dk = dout + k * bw;
                            for (long s = 0; s < bw; s++) dj[s] += w * dk[s];
                        }
                        const double *hj = hin + j * bw;
                        for (long s = 0; s < bw; s++) dj[s] *= 1.0 - hj[s] * hj[s];
                    }
                }
                for (long k = 0; k < no; k++) {
                    double acc = 0.0;
                    const double *dk = dout + k * bw;
                    for (long s = 0; s < bw; s++) acc += dk[s];
                    B[k] -= lr * acc * inv;
                }
                for (long j = 0; j < ni; j++) {
                    const double *hj = hin + j * bw;
                    for (long k = 0; k < no; k++) {
                        const double *dk = dout + k * bw;
                        double acc = 0.0;
                        for (long s = 0; s < bw; s++) acc += hj[s] * dk[s];
                        W[j * no + k] -= lr * acc * inv;
                    }
                }
            }
        }
        epoch_err[e] = 0.5 * err / n;
    }
    return n_epochs;
}
"""


def compile_block_c() -> Any | None:
    """The C reference as a ctypes function, or None without a working C compiler."""
    import ctypes
    import shutil
    import subprocess
    import tempfile

    cc = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if not cc:
        return None
    folder = tempfile.mkdtemp(prefix="nnviz-block-c-")
    src, lib = os.path.join(folder, "block.c"), os.path.join(folder, "block.so")
    with open(src, "w") as f:
        f.write(BLOCK_C)
    flags = ["-O3", "-march=native", "-ffast-math", "-shared", "-fPIC"]
    done = subprocess.run([cc, *flags, "-o", lib, src, "-lm"], capture_output=True, text=True)
    if done.returncode != 0:
        return None
    fn = ctypes.CDLL(lib).train
    fn.restype = ctypes.c_long
    return fn


class BlockC:
    """The C reference on a network's packed parameters (its own copy)."""

    def __init__(self, fn: Any, net: Network, x: np.ndarray, t: np.ndarray) -> None:
        from nnviz.core.training.compiled import packed_layout

        self.fn = fn
        self.sizes = np.array(net.layers, dtype=np.int64)
        self.w_off, self.b_off, n_params = packed_layout(net.layers)
        self.params = np.zeros(n_params)
        for layer, (w, b) in enumerate(zip(net.weights, net.biases, strict=True)):
            lo, mid = self.w_off[layer], self.b_off[layer]
            self.params[lo:mid] = w.ravel()
            self.params[mid : mid + len(b)] = b
        self.x, self.t = np.ascontiguousarray(x), np.ascontiguousarray(t)
        units = int(self.sizes.sum())
        self.h = np.zeros(units * 64)
        self.d = np.zeros(units * 64)

    def epochs(self, orders: np.ndarray) -> np.ndarray:
        import ctypes

        p = ctypes.c_void_p
        orders = np.ascontiguousarray(orders, dtype=np.int64)
        errors = np.zeros(len(orders))
        self.fn(
            ctypes.c_long(len(self.sizes) - 1), self.sizes.ctypes.data_as(p),
            self.params.ctypes.data_as(p), self.w_off.ctypes.data_as(p),
            self.b_off.ctypes.data_as(p), self.x.ctypes.data_as(p), self.t.ctypes.data_as(p),
            ctypes.c_long(len(self.x)), orders.ctypes.data_as(p), ctypes.c_long(len(orders)),
            ctypes.c_long(BATCH), ctypes.c_double(LR), self.h.ctypes.data_as(p),
            self.d.ctypes.data_as(p), errors.ctypes.data_as(p),
        )  # fmt: skip
        return errors


def versus_block_c(layers: list[int], ds: dataset.Dataset, reps: int, c_fn: Any) -> dict:
    """Epochs a second (CPU time) of nnviz's Trainer, the NumPy engine and the C
    reference on one job, alternated, medians; their ratios and the C check."""
    from nnviz.core.training.compiled import CompiledEngine
    from nnviz.core.training.problem import prepare_data

    net = Network.initialised(layers, "tanh", seed=0)
    cfg = TrainingConfig.from_dict(job_training(val_fraction=0.0, eval_train=False))
    trainer = Trainer(net, ds, cfg)
    numpy_trainer = Trainer(net, ds, cfg.replace(engine="numpy"))
    data = trainer.data
    rng = np.random.default_rng(1)
    out: dict = {"engine": trainer.engine_name}
    c = BlockC(c_fn, net, data.x_train, data.t_train) if c_fn is not None else None
    if c is not None:  # the same epochs on the C loop and the compiled engine: same weights?
        orders = np.stack([rng.permutation(len(data.x_train)) for _ in range(20)])
        check = CompiledEngine(net.copy(), prepare_data(net, ds), cfg, "cpu")
        check.run_epochs(orders, BATCH)
        c.epochs(orders)
        w, b = check.get_parameters()
        mine = np.concatenate([np.concatenate([wi.ravel(), bi]) for wi, bi in zip(w, b)])
        out["block_c_max_diff"] = float(np.abs(mine - c.params).max())
    # epochs per run: about 0.15 s of nnviz (a run's own start and final
    # snapshot then weigh under 1 %, as in the app's runs of thousands of epochs)
    trainer.run(max_epochs=trainer.epoch + 5)
    t0 = time.process_time()
    trainer.run(max_epochs=trainer.epoch + 200)
    per_epoch = max(1e-6, (time.process_time() - t0) / 200)
    k = max(5, int(0.15 / per_epoch))
    orders = np.stack([rng.permutation(len(data.x_train)) for _ in range(k)])
    runs: dict[str, Any] = {
        "nnviz": lambda: trainer.run(max_epochs=trainer.epoch + k),
        "numpy_engine": lambda: numpy_trainer.run(max_epochs=numpy_trainer.epoch + max(1, k // 20)),
    }
    sizes = {"nnviz": k, "numpy_engine": max(1, k // 20)}
    if c is not None:
        runs["block_c"] = lambda: c.epochs(orders)
        sizes["block_c"] = k
    for run in runs.values():
        run()  # warm
    times: dict[str, list[float]] = {name: [] for name in runs}
    names = list(runs)
    for r in range(reps):
        for name in names if r % 2 == 0 else names[::-1]:
            t0 = time.process_time()
            runs[name]()
            times[name].append(sizes[name] / max(1e-9, time.process_time() - t0))
    trainer.close()
    numpy_trainer.close()
    rate = {name: statistics.median(v) for name, v in times.items()}
    out["epochs_per_s"] = round(rate["nnviz"], 1)
    out["numpy_engine_epochs_per_s"] = round(rate["numpy_engine"], 1)
    out["vs_numpy_engine"] = round(rate["nnviz"] / rate["numpy_engine"], 2)
    out["block_c_epochs_per_s"] = round(rate["block_c"], 1) if c is not None else None
    out["vs_block_c"] = round(rate["nnviz"] / rate["block_c"], 3) if c is not None else None
    return out


# ----------------------------------------------------------------- live
def _lag_during(
    app, start, finished_signal, limit_s: float = 120.0
) -> tuple[float, list[float], list]:
    """Run ``start()`` and the event loop until ``finished_signal``; (wall s, timer lags ms, payloads)."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    lags: list[float] = []
    clock = QElapsedTimer()
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: lags.append(max(0.0, clock.restart() - 10.0)))
    payloads: list = []
    loop = QEventLoop()
    finished_signal.connect(payloads.append)
    finished_signal.connect(loop.quit)
    QTimer.singleShot(int(limit_s * 1000), loop.quit)
    t0 = time.perf_counter()
    start()
    clock.start()
    timer.start()
    loop.exec()
    wall = time.perf_counter() - t0
    timer.stop()
    finished_signal.disconnect(loop.quit)
    return wall, lags[1:], payloads


def _p99(lags: list[float]) -> float | None:
    return round(float(np.percentile(lags, 99)), 1) if lags else None


def first_start() -> dict:
    """Compile in the background as the app does at start, with a 10 ms timer running.

    Then load the compiled kernels from the disk cache in a fresh process, as
    the next start does.
    """
    import subprocess

    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QApplication

    from nnviz.core.training import compiled

    app = QApplication.instance() or QApplication(sys.argv[:1])

    class Done(QObject):
        done = Signal(object)

    relay = Done()

    def start() -> None:
        thread = compiled.warm_up_in_background()
        assert thread is not None

        def wait() -> None:
            thread.join()
            relay.done.emit(None)

        import threading

        threading.Thread(target=wait, daemon=True).start()

    wall, lags, _ = _lag_during(app, start, relay.done)
    code = "import time; t=time.perf_counter(); from nnviz.core.training import compiled; compiled.warm_up(); print(time.perf_counter()-t)"
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1]))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    return {
        "compile_s": round(wall, 2),
        "compile_lag_p99_ms": _p99(lags),
        "cached_start_s": round(float(done.stdout.strip() or "nan"), 2),
    }


def live_figures(seconds: float) -> dict:
    """Train from the GUI: the bare worker, then the training panel with its views live."""
    from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

    from nnviz.core.lessons import load_lesson
    from nnviz.gui.network.model import NetworkModel
    from nnviz.gui.network.view import NetworkView
    from nnviz.gui.training.panel import TrainingPanel
    from nnviz.gui.training.worker import TrainingController

    app = QApplication.instance() or QApplication(sys.argv[:1])
    lesson = load_lesson("spiral")
    lesson.network = job_network()
    lesson.training = job_training()
    model = NetworkModel(lesson.network)
    panel = TrainingPanel(model)
    panel.load_lesson(lesson)
    panel.set_pace(0.0)  # full speed: the lesson starts in slow motion for a class
    ds = panel.dataset()
    assert ds is not None
    cfg = panel.config()

    # the same run headless (400 training and 100 validation points, evaluated every epoch)
    trainer = Trainer(job_network(), ds, cfg)
    try:
        headless = _rate(lambda k: trainer.run(max_epochs=trainer.epoch + k), seconds)
    finally:
        trainer.close()
    epochs = max(50, int(headless * seconds * 1.5))
    cfg = cfg.replace(epochs=epochs)

    # the worker alone (snapshots received, nothing drawn): what the engine costs the GUI
    controller = TrainingController()
    controller.snapshot.connect(lambda snap: None)
    wall, lags, results = _lag_during(
        app, lambda: controller.start(job_network(), ds, cfg), controller.finished
    )
    worker = {
        "worker_epochs_per_s": round(results[0].snapshot.epoch / wall, 1) if results else None,
        "worker_lag_p99_ms": _p99(lags),
    }

    # the panel with the network graph, decision regions and plots live
    window = QWidget()
    row = QHBoxLayout(window)
    graph = NetworkView(model)
    for w in (panel, graph, panel.regions_widget(), panel.plots_widget()):
        row.addWidget(w)
    window.resize(1600, 900)
    window.show()
    app.processEvents()
    panel.form.epochs.setValue(epochs)

    def start() -> None:
        if not panel.start():
            raise RuntimeError(f"the panel did not start: {panel.message.text()}")

    wall, lags, statuses = _lag_during(app, start, panel.trainingFinished)
    updates = panel.view_update_counts()
    snap = panel._last_snapshot
    done = snap.epoch if snap is not None else 0
    engine_text = panel.engine_label.text()
    window.close()
    panel.stop_and_wait()
    return {
        "live_epochs_per_s": round(done / wall, 1),
        "live_headless_epochs_per_s": round(headless, 1),
        "live_vs_headless": round(done / wall / headless, 3),
        "lag_p99_ms": _p99(lags),
        # the views must show the learning: updates a second of each while it trains
        **{f"live_{k}_updates_per_s": round(v / wall, 1) for k, v in updates.items()},
        **worker,
        "live_epochs": done,
        "live_engine": engine_text,
        "live_status": statuses[0] if statuses else "timeout",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="time per measurement")
    parser.add_argument("--no-gui", action="store_true", help="headless figures only")
    parser.add_argument("--warm", action="store_true", help="use the user's numba cache")
    parser.add_argument("--reps", type=int, default=15, help="alternated runs against block C")
    args = parser.parse_args()

    ds = job_data(0.0)
    out: dict = {}
    if args.no_gui:
        from nnviz.core.training import compiled

        out["compile_or_load_s"] = round(compiled.warm_up(), 2)
    else:
        out.update(first_start())
    rate, engine = engine_rate(ds, args.seconds, eval_train=False)
    out.update(engine=engine, epochs_per_s=round(rate, 1))
    x = ds.x_train
    t = dataset.targets_for(ds.y_train, 1, "tanh")
    out["torch_epochs_per_s"] = round(torch_rate(x, t, args.seconds), 1)
    out["numpy_epochs_per_s"] = round(numpy_rate(x, t, args.seconds), 1)
    out["vs_numpy"] = round(rate / out["numpy_epochs_per_s"], 2)
    out["vs_torch"] = round(rate / out["torch_epochs_per_s"], 1)
    c_fn = compile_block_c()
    spiral = versus_block_c(LAYERS, ds, args.reps, c_fn)
    deep = versus_block_c(DEEP_LAYERS, ds, args.reps, c_fn)
    out.update(
        vs_block_c=spiral["vs_block_c"],
        deep_vs_block_c=deep["vs_block_c"],
        block_c_epochs_per_s=spiral["block_c_epochs_per_s"],
        block_c_alternated_epochs_per_s=spiral["epochs_per_s"],
        deep_block_c_epochs_per_s=deep["block_c_epochs_per_s"],
        deep_epochs_per_s=deep["epochs_per_s"],
        block_c_max_diff=max(spiral.get("block_c_max_diff", 0.0), deep.get("block_c_max_diff", 0.0))
        if c_fn is not None
        else None,
        numpy_engine_epochs_per_s=spiral["numpy_engine_epochs_per_s"],
        vs_numpy_engine=spiral["vs_numpy_engine"],
        deep_vs_numpy_engine=deep["vs_numpy_engine"],
    )
    if not args.no_gui:
        try:
            out.update(live_figures(args.seconds))
        except ImportError as exc:
            out["live_missing"] = str(exc)
    out["load_avg"] = round(os.getloadavg()[0], 2)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
